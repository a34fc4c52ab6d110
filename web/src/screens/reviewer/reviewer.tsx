export function Reviewer() {
  return <section class="screen" />;
}
