export function Publisher() {
  return <section class="screen" />;
}
