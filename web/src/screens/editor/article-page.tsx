export function ArticlePage() {
  return <section class="screen" />;
}
