export function Admin() {
  return <section class="screen" />;
}
