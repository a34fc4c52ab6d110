export function ArticleList() {
  return <section class="screen" />;
}
