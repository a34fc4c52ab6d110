import { ApiProblem } from '../api/client';
import { t } from '../i18n';

/** The screen's name for a field the API named (`blocks.2.text` -> "Text"), or null when it has none. */
function fieldLabel(path: string): string | null {
  const field = path.split('.')[0] ?? '';
  const label = field ? t(`fields.${field}`, { defaultValue: '' }) : '';
  return label || null;
}

/**
 * An error as a person should read it: the localized title and detail, never a code or a stack. A refusal
 * that names fields lists each field's own message under the screen's name for it; for a validation
 * problem the API's detail, which names fields as the API spells them, is then left out.
 */
export function ProblemBox({ error, id }: { error: unknown; id?: string }) {
  if (!error) return null;
  const problem =
    error instanceof ApiProblem ? error : { title: t('problem.unknownTitle'), detail: t('problem.unknownDetail'), extra: {} as ApiProblem['extra'] };
  const blocking = problem.extra.qa?.filter((finding) => finding.severity === 'error') ?? [];
  const fields = problem.extra.errors ?? [];
  const isValidation = error instanceof ApiProblem && error.code === 'validation_failed' && fields.length > 0;
  return (
    <div class="problem" role="alert" id={id}>
      <strong>{problem.title}</strong>
      {/* A validation problem's detail only lists the API's field names; other problems' details say more. */}
      {isValidation ? <p>{t('problem.fieldsIntro')}</p> : problem.detail && <p>{problem.detail}</p>}
      {fields.length > 0 && (
        <ul>
          {fields.map((field, i) => {
            const label = fieldLabel(field.path);
            return (
              <li key={i}>
                {label && <strong>{label}: </strong>}
                {field.message}
              </li>
            );
          })}
        </ul>
      )}
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
