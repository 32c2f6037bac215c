import { useMutation, useQuery } from '@apollo/client/react';
import { useEffect, useMemo, useState, type FormEvent } from 'react';
import { useViewer } from '../auth/viewer';
import { ErrorState, Loading } from '../ui/states';
import { BusinessHoursDocument, UpdateBusinessHoursDocument } from './business-hours.documents';
import { browserTimeZone, dayLabel, describeField, NINE_TO_FIVE, toDraft, toInput, WEEKDAYS, type HoursDraft, type Interval } from './hours-draft';
import './business-hours.css';
import { FormErrors, submitForm } from '../ui/form-errors';

/** Every zone the browser knows, for the picker (older browsers: just the current one). */
function timeZones(current: string): string[] {
  const supported = (Intl as { supportedValuesOf?: (key: string) => string[] }).supportedValuesOf?.('timeZone') ?? [];
  return [...new Set([current, browserTimeZone(), 'UTC', ...supported])].sort();
}

/** When the team takes live chats: outside these hours, LEAVE_MESSAGE steps take a message. Admins edit, everyone reads. */
export function BusinessHoursPage() {
  const admin = useViewer().role === 'ADMIN';
  const { data, error, refetch } = useQuery(BusinessHoursDocument, { fetchPolicy: 'cache-and-network' });
  const account = data?.account;
  const [draft, setDraft] = useState<HoursDraft | null>(null);
  const [errors, setErrors] = useState<string[]>([]);
  const [saved, setSaved] = useState(false);
  const [save, { loading: saving }] = useMutation(UpdateBusinessHoursDocument);
  useEffect(() => {
    if (account && !draft) setDraft(toDraft(account.businessHours));
  }, [account, draft]);
  const zones = useMemo(() => timeZones(draft?.timeZone ?? 'UTC'), [draft?.timeZone]);

  if (!data && error) return <ErrorState error={error} onRetry={() => void refetch()} />;
  if (!account || !draft) return <Loading label="Loading business hours…" />;

  const change = (update: (previous: HoursDraft) => HoursDraft) => {
    setSaved(false);
    setDraft((previous) => previous && update(previous));
  };
  const setIntervals = (intervals: Interval[], replace: (draft: HoursDraft, intervals: Interval[]) => HoursDraft) => change((previous) => replace(previous, intervals));

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    await submitForm(
      setErrors,
      async () => (await save({ variables: { input: { businessHours: toInput(draft) } } })).data?.updateAccountSettings,
      (result) => {
        if (result?.account) setDraft(toDraft(result.account.businessHours));
        setSaved(true);
      },
      (problem) => [describeField(draft, problem.field), problem.message].filter(Boolean).join(': '),
    );
  };

  return (
    <section className="page" aria-labelledby="business-hours-title">
      <header className="page__header">
        <div>
          <h1 id="business-hours-title">Business hours</h1>
          <p className="page__lead">Outside them, a live-chat step set to “leave a message” takes the visitor’s message instead of making them wait.</p>
        </div>
        <p className={`pill ${account.openNow ? 'pill--active' : 'pill--closed'}`} data-testid="hours-open-now">
          {account.openNow ? 'Open now' : 'Closed now'}
        </p>
      </header>
      <form className="hours-form card" aria-label="Business hours" onSubmit={(event) => void submit(event)}>
        <fieldset disabled={!admin} className="hours-form__fieldset">
          {!admin && <p className="muted">Only admins can change the business hours.</p>}
          <label className="hours-form__check">
            <input type="checkbox" checked={draft.alwaysOpen} onChange={(event) => change((previous) => ({ ...previous, alwaysOpen: event.target.checked }))} />
            Always open (no business hours)
          </label>
          {!draft.alwaysOpen && (
            <>
              <label className="field">
                <span className="field__label">Time zone</span>
                <select value={draft.timeZone} onChange={(event) => change((previous) => ({ ...previous, timeZone: event.target.value }))}>
                  {zones.map((zone) => (
                    <option key={zone} value={zone}>
                      {zone}
                    </option>
                  ))}
                </select>
              </label>
              <h2 className="hours-form__title">Every week</h2>
              <p className="muted hours-form__hint">A day without hours is closed. 00:00 as the closing time means midnight.</p>
              <ul className="hours-days">
                {WEEKDAYS.map((day) => (
                  <li key={day} className="hours-day" data-testid="hours-day" data-day={day}>
                    <span className="hours-day__name">{dayLabel(day)}</span>
                    <Intervals label={dayLabel(day)} intervals={draft.weekly[day]} onChange={(intervals) => setIntervals(intervals, (d, i) => ({ ...d, weekly: { ...d.weekly, [day]: i } }))} />
                  </li>
                ))}
              </ul>
              <h2 className="hours-form__title">Exceptions</h2>
              <p className="muted hours-form__hint">Holidays and special days: closed, or open at other hours than usual.</p>
              <ul className="hours-days">
                {draft.exceptions.map((exception, index) => {
                  const update = (patch: Partial<typeof exception>) =>
                    change((previous) => ({ ...previous, exceptions: previous.exceptions.map((item, at) => (at === index ? { ...item, ...patch } : item)) }));
                  const name = exception.date || `Exception ${index + 1}`;
                  return (
                    <li key={index} className="hours-day" data-testid="hours-exception">
                      <span className="hours-exception__date">
                        <input type="date" aria-label={`Date of exception ${index + 1}`} value={exception.date} onChange={(event) => update({ date: event.target.value })} required />
                        <label className="hours-form__check">
                          <input type="checkbox" checked={exception.closed} onChange={(event) => update({ closed: event.target.checked, intervals: event.target.checked ? [] : [NINE_TO_FIVE] })} />
                          Closed
                        </label>
                      </span>
                      {!exception.closed && <Intervals label={name} intervals={exception.intervals} onChange={(intervals) => update({ intervals })} />}
                      <button
                        type="button"
                        className="button button--secondary"
                        aria-label={`Remove exception ${name}`}
                        onClick={() => change((previous) => ({ ...previous, exceptions: previous.exceptions.filter((_, at) => at !== index) }))}
                      >
                        Remove
                      </button>
                    </li>
                  );
                })}
              </ul>
              <button type="button" className="button button--secondary hours-form__add" onClick={() => change((previous) => ({ ...previous, exceptions: [...previous.exceptions, { date: '', closed: true, intervals: [] }] }))}>
                Add an exception
              </button>
            </>
          )}
          <FormErrors messages={errors} />
          {saved && (
            <p className="hours-form__saved" role="status">
              Saved.
            </p>
          )}
          {admin && (
            <div className="hours-form__actions">
              <button type="submit" className="button button--primary" disabled={saving}>
                Save business hours
              </button>
            </div>
          )}
        </fieldset>
      </form>
    </section>
  );
}

/** The opening intervals of one day: each from–to, removable, and one more on request. */
function Intervals({ label, intervals, onChange }: { label: string; intervals: Interval[]; onChange: (intervals: Interval[]) => void }) {
  const set = (index: number, patch: Partial<Interval>) => onChange(intervals.map((interval, at) => (at === index ? { ...interval, ...patch } : interval)));
  return (
    <span className="hours-intervals">
      {intervals.length === 0 && <span className="muted">Closed</span>}
      {intervals.map((interval, index) => (
        <span key={index} className="hours-interval">
          <input type="time" aria-label={`${label} opens (${index + 1})`} value={interval.opens} onChange={(event) => set(index, { opens: event.target.value })} required />
          <span aria-hidden="true">–</span>
          <input type="time" aria-label={`${label} closes (${index + 1})`} value={interval.closes} onChange={(event) => set(index, { closes: event.target.value })} required />
          <button type="button" className="icon-button hours-interval__remove" aria-label={`Remove ${label} hours ${index + 1}`} onClick={() => onChange(intervals.filter((_, at) => at !== index))}>
            ×
          </button>
        </span>
      ))}
      <button type="button" className="button button--secondary hours-intervals__add" aria-label={`Add hours on ${label}`} onClick={() => onChange([...intervals, intervals.length ? { opens: '18:00', closes: '20:00' } : NINE_TO_FIVE])}>
        Add hours
      </button>
    </span>
  );
}
