export function NewArticle() {
  return <section class="screen" />;
}
