import { z } from 'zod';
import { commandSchema } from './commands.js';
import { idSchema } from './common.js';

/** Payloads a facilitator's screen sends over the socket; each is validated before anything else. */
export const joinPayloadSchema = z.strictObject({
  sessionId: idSchema,
  /** The last version this screen holds; -1 for none. */
  knownVersion: z.number().int().min(-1).default(-1),
});

export const commandPayloadSchema = z.strictObject({
  sessionId: idSchema,
  /** Made by the client, unique per press; a repeat returns the first result. */
  commandId: z
    .string()
    .min(8)
    .max(64)
    .regex(/^[A-Za-z0-9_-]+$/, 'must be an id'),
  /** The version the sender saw; required for commands whose meaning depends on it. */
  expectedVersion: z.number().int().min(0).optional(),
  command: commandSchema,
});

export const pingPayloadSchema = z.strictObject({
  clientSentAt: z.number().finite(),
});

export type JoinPayload = z.input<typeof joinPayloadSchema>;
export type CommandPayload = z.input<typeof commandPayloadSchema>;
export type PingPayload = z.infer<typeof pingPayloadSchema>;
