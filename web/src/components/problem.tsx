import { ApiProblem } from '../api/client';
import { t } from '../i18n';

/** An error as a person should read it: the localized title and detail, never a code or a stack. */
export function ProblemBox({ error, id }: { error: unknown; id?: string }) {
  if (!error) return null;
  const problem =
    error instanceof ApiProblem ? error : { title: t('problem.unknownTitle'), detail: t('problem.unknownDetail'), extra: {} as ApiProblem['extra'] };
  const blocking = problem.extra.qa?.filter((finding) => finding.severity === 'error') ?? [];
  return (
    <div class="problem" role="alert" id={id}>
      <strong>{problem.title}</strong>
      {problem.detail && <p>{problem.detail}</p>}
      {blocking.length > 0 && (
        <ul>
          {blocking.map((finding, i) => (
            <li key={i}>{finding.message}</li>
          ))}
        </ul>
      )}
    </div>
  );
}
