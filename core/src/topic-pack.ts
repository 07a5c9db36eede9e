import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { ACTOR_CLASSES } from './labels.ts';

const actorClass = z.enum(ACTOR_CLASSES);
const calendarDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
const weightedCue = z.object({ term: z.string().min(1), weight: z.number().positive() });

/** A topic pack: everything that makes Rift track one controversy, as data. */
export const TopicPackSchema = z.object({
  id: z.string().min(1),
  version: z.string().min(1),
  title: z.string(),
  relevance_terms: z.array(z.string().min(1)).min(1),
  stance_cues: z.object({
    oppose_ban: z.array(weightedCue),
    support_ban: z.array(weightedCue),
    negators: z.array(z.string()),
  }),
  /**
   * Ways of arguing (security, rights, a forced sale, denial, reported speech...): phrases by
   * frame name, with the side a frame usually leans to when it has one. The trained stance model
   * starts from that lean and learns from labelled statements how far each frame, plain or
   * negated, really leans; the pack only says what counts as the frame.
   */
  stance_frames: z
    .record(
      z.string().regex(/^[a-z][a-z0-9_]*$/),
      z.object({ lean: z.enum(['support_ban', 'oppose_ban', 'neutral']).optional(), phrases: z.array(z.string().min(1)).min(1) }),
    )
    .default({}),
  topics: z.record(z.string().regex(/^[a-z][a-z0-9_]*$/), z.array(z.string().min(1)).min(1)),
  actor_registry: z.object({
    handles: z.record(z.string(), actorClass),
    domains: z.record(z.string(), actorClass),
    /** Offices, outlets and titles per class; under `public`, roles that speak as the public (user, student). */
    profile_cues: z.record(actorClass, z.array(z.string().min(1))),
    /** Names of organisations and countries: context that a role word (spokesperson, CEO) turns into a speaker. */
    entities: z.partialRecord(actorClass, z.array(z.string().min(1))).default({}),
    /** What kind of speech a bracketed note names ("(editorial)", "(statement)"): read where outlet names inside brackets are not, since those usually say who relayed the words. */
    speech_kinds: z.partialRecord(actorClass, z.array(z.string().min(1))).default({}),
    /** Roles that make a named organisation the speaker: spokesperson, chief executive, statement. */
    roles: z.array(z.string().min(1)).default([]),
  }),
  events: z.array(z.object({ date: calendarDate, label: z.string().min(1) })),
  /** The controversy's own span (first and last day, UTC): the dashboard's default window. */
  period: z
    .object({ from: calendarDate, to: calendarDate })
    .refine((p) => p.from <= p.to, { message: 'from must not be after to' })
    .optional(),
});

export type TopicPack = z.output<typeof TopicPackSchema>;

export function loadTopicPack(file: string): TopicPack {
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(file, 'utf8'));
  } catch (err) {
    throw new Error(`cannot read topic pack ${file}: ${(err as Error).message}`);
  }
  const parsed = TopicPackSchema.safeParse(json);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new Error(`invalid topic pack ${file}:\n${lines.join('\n')}`);
  }
  return parsed.data;
}
