/** "How to read this": the definition of every number in a validation report, in one place. */
export function AgreementGuide() {
  return (
    <details className="agreement-guide" data-testid="agreement-guide">
      <summary>How to read these numbers</summary>
      <p>
        The coders' labels are taken as the truth; the model's labels are the ones stored for the same posts (matched by source and id)
        at the moment of the upload. Label L below is any one label of the task.
      </p>
      <dl>
        <dt>Coded rows, matched, not found</dt>
        <dd>
          Rows in the uploaded sheet; of those, posts still stored and so compared; and posts no longer (or never) stored, left out of every
          number.
        </dd>
        <dt>Posts compared (n), uncoded</dt>
        <dd>Matched posts that have a code for this task; matched posts whose code for this task was left blank are not compared.</dd>
        <dt>Confusion matrix</dt>
        <dd>
          The cell in row A, column B counts posts the coders labelled A and the model labelled B. The diagonal is where both agree; row
          totals are what the coders said, column totals what the model said.
        </dd>
        <dt>Precision of L</dt>
        <dd>Of the posts the model labelled L, the share the coders also labelled L (diagonal cell / column total).</dd>
        <dt>Recall of L</dt>
        <dd>Of the posts the coders labelled L, the share the model also labelled L (diagonal cell / row total).</dd>
        <dt>F1 of L</dt>
        <dd>2 × precision × recall / (precision + recall): high only when both are.</dd>
        <dt>Support</dt>
        <dd>Posts the coders labelled L (the row total).</dd>
        <dt>Accuracy</dt>
        <dd>Share of the compared posts on which the model and the coders agree (the diagonal over n).</dd>
        <dt>Macro F1</dt>
        <dd>The plain mean of F1 over the labels the coders used, so a rare label weighs as much as a common one.</dd>
        <dt>Cohen's kappa</dt>
        <dd>
          (p<sub>o</sub> − p<sub>e</sub>) / (1 − p<sub>e</sub>), where p<sub>o</sub> is the accuracy and p<sub>e</sub> the agreement
          expected by chance: the sum over labels of (coders' share of L) × (model's share of L). 1 is perfect agreement, 0 is what chance
          gives, below 0 is worse than chance. The words next to it (slight, fair, moderate, substantial, almost perfect, for kappa up to
          0.2, 0.4, 0.6, 0.8 and above) follow Landis and Koch's bands, a convention rather than a test.
        </dd>
        <dt>–</dt>
        <dd>Undefined: the ratio's denominator is 0 (e.g. the model never said L, so L has no precision).</dd>
        <dt>Model versions</dt>
        <dd>The model versions that produced the stored labels of the matched posts.</dd>
      </dl>
    </details>
  );
}
