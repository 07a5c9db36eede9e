import { useCallback, useState } from 'react';
import { getJson } from '../api/client';
import { ApiKeyForm } from '../auth/ApiKeyForm';
import { EmptyMessage, LoadingMessage } from '../divide/StatusMessage';
import { useApi } from '../hooks/useApi';
import { AgreementGuide } from './AgreementGuide';
import { RunReport } from './RunReport';
import { RunsList } from './RunsList';
import { SampleForm } from './SampleForm';
import { SampleSummary } from './SampleSummary';
import type { RunsResponse, ValidationRun } from './types';
import { UploadForm } from './UploadForm';
import { useUrlState } from '../hooks/useUrlState';
import { parseValidateState, serializeValidateState, type SampleSpec } from './validateState';

// Every run is listed (the API's maximum); a run's report comes with it, so reopening one needs no other call.
const RUNS_URL = '/api/validations?limit=1000';

/** "Samples and validation": draw a sample to code, upload it coded, read how the model agrees with the coders. */
export function ValidatePage() {
  const [state, setState] = useUrlState(parseValidateState, serializeValidateState);
  const runs = useApi<RunsResponse>('validations', (signal) => getJson<RunsResponse>(RUNS_URL, signal));
  // The run just uploaded is shown at once, before the list has reloaded.
  const [stored, setStored] = useState<ValidationRun | null>(null);

  const onSeed = useCallback((seed: string) => setState({ ...state, sample: state.sample && { ...state.sample, seed } }, { replace: true }), [state, setState]);
  const draw = (sample: SampleSpec) => setState({ ...state, sample });
  const openRun = (run: string) => setState({ ...state, run });
  const onStored = (run: ValidationRun) => {
    setStored(run);
    setState({ ...state, run: run.id });
    runs.retry();
  };

  const listed = runs.state.status === 'ready' ? runs.state.data.runs.find((r) => r.id === state.run) : undefined;
  const shown = listed ?? (stored?.id === state.run ? stored : undefined);

  return (
    <main id="main" className="validate-page">
      <header className="page-header">
        <h1>Samples and validation</h1>
        <p className="page-lede">
          Draw a reproducible random sample of posts for people to code, upload the coded sheet, and see how far the model's labels agree with
          theirs. Every run is kept.
        </p>
      </header>

      <section className="validate-step" aria-labelledby="sample-heading">
        <h2 id="sample-heading">1. Draw a sample to code</h2>
        <p className="step-note">
          The sheet lists each post with empty columns code_stance (support_ban, oppose_ban, neutral), code_sentiment (negative, neutral,
          positive) and code_actor (public, us_government, foreign_government, media, company). The model's labels are left out so coders
          are not led by them. On the command line the same steps are <code>rift sample</code> and <code>rift validate</code>.
        </p>
        <SampleForm spec={state.sample} onDraw={draw} />
        {state.sample && <SampleSummary spec={state.sample} onSeed={onSeed} />}
      </section>

      <section className="validate-step" aria-labelledby="upload-heading">
        <h2 id="upload-heading">2. Upload the coded sheet</h2>
        <ApiKeyForm purpose="Storing a validation run" />
        <UploadForm onStored={onStored} />
      </section>

      <section className="validate-step" aria-labelledby="report-heading">
        <h2 id="report-heading">3. Agreement of the model with the coders</h2>
        <AgreementGuide />
        {renderReport()}
      </section>

      <section className="validate-step" aria-labelledby="runs-heading">
        <h2 id="runs-heading">Past runs</h2>
        <RunsList
          state={runs.state}
          onRetry={runs.retry}
          selected={state.run}
          hrefFor={(run) => `/validate${serializeValidateState({ ...state, run })}`}
          onOpen={openRun}
        />
      </section>
    </main>
  );

  function renderReport() {
    if (shown) return <RunReport run={shown} />;
    if (!state.run) return <EmptyMessage>No run is open. Upload a coded sheet, or open a past run below.</EmptyMessage>;
    if (runs.state.status === 'loading') return <LoadingMessage what="the run" />;
    if (runs.state.status === 'error') return <EmptyMessage>The run cannot be shown while the list of runs fails to load (below).</EmptyMessage>;
    return <EmptyMessage>No stored run has the id {state.run}.</EmptyMessage>;
  }
}
