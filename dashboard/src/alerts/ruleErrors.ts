/**
 * The API reports every problem of a rule in one message, joined by "; ": its own checks as
 * "window: ..." and schema checks as "threshold must be number" or `missing parameter "name"`.
 * This splits the message by field path so each problem is shown next to its field; the whole
 * message is still shown above the form.
 */

const PATH = '[a-z_]+(?:\\.[a-z_]+)*';
const FORMS: Array<[RegExp, (m: RegExpExecArray) => [string, string]]> = [
  [new RegExp(`^(${PATH}): (.*)$`, 's'), (m) => [m[1]!, m[2]!]],
  [new RegExp(`^(${PATH}) (must .*)$`, 's'), (m) => [m[1]!, m[2]!]],
  [new RegExp(`^missing parameter "(${PATH})"$`), (m) => [m[1]!, 'is required']],
];

function parsePart(part: string): [string, string] | null {
  for (const [pattern, read] of FORMS) {
    const match = pattern.exec(part);
    if (match) return read(match);
  }
  return null;
}

export function fieldErrors(message: string): Map<string, string[]> {
  const errors = new Map<string, string[]>();
  let last: string[] | null = null;
  for (const part of message.split('; ')) {
    const parsed = parsePart(part);
    if (!parsed) {
      // The rest of the previous problem, whose own text contained "; ".
      if (last && last.length) last[last.length - 1] += `; ${part}`;
      continue;
    }
    // A backtest names the fields of its `rule` body as rule.threshold and so on.
    const path = parsed[0].replace(/^rule\./, '');
    last = errors.get(path) ?? [];
    last.push(parsed[1]);
    errors.set(path, last);
  }
  return errors;
}

/** The problems of one field and of anything inside it (`channels.webhook` takes `channels.webhook.url`). */
export function errorsFor(errors: Map<string, string[]>, path: string): string[] {
  return [...errors].filter(([key]) => key === path || key.startsWith(`${path}.`)).flatMap(([, texts]) => texts);
}
