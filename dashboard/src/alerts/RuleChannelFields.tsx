import { errorsFor } from './ruleErrors';
import type { RuleDraft } from './ruleDraft';
import { Field } from './Field';

interface Props {
  draft: RuleDraft;
  errors: Map<string, string[]>;
  editing: boolean;
  onChange: (draft: RuleDraft) => void;
}

/** Where firing and resolving are sent. The in-app feed needs no setting: it lists every change. */
export function RuleChannelFields({ draft, errors, editing, onChange }: Props) {
  return (
    <fieldset className="rule-fieldset">
      <legend>Where to say so</legend>
      <p className="field-help">In-app: always on. Every state change of every rule is listed in the feed on this page.</p>
      <Field
        id="rule-webhook-url"
        label="Webhook URL"
        help="Receives a JSON POST when the rule fires and when it resolves, signed with HMAC-SHA256 (X-Rift-Signature header) and retried with backoff."
        errors={errorsFor(errors, 'channels.webhook.url')}
        input={(p) => <input {...p} type="url" placeholder="https://..." value={draft.webhook_url} onChange={(e) => onChange({ ...draft, webhook_url: e.target.value })} />}
      />
      <Field
        id="rule-webhook-secret"
        label="Webhook signing secret"
        help={`At least 16 characters. ${editing ? 'Empty keeps the current secret.' : 'Empty: one is generated and shown once after saving.'}`}
        errors={errorsFor(errors, 'channels.webhook.secret')}
        input={(p) => <input {...p} type="password" autoComplete="off" value={draft.webhook_secret} onChange={(e) => onChange({ ...draft, webhook_secret: e.target.value })} />}
      />
      <Field
        id="rule-slack-url"
        label="Slack-compatible webhook URL"
        help="Receives a one-line text message ({ text }) when the rule fires and when it resolves."
        errors={errorsFor(errors, 'channels.slack')}
        input={(p) => <input {...p} type="url" placeholder="https://hooks.slack.com/..." value={draft.slack_url} onChange={(e) => onChange({ ...draft, slack_url: e.target.value })} />}
      />
    </fieldset>
  );
}
