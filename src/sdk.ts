/** `--sdk NAME[@VERSION]`: which SDK (and which release of it) the app uses. */
import { UsageError } from './errors.ts';
import type { SdkFamily } from './model/facts.ts';

export interface SdkSpec {
  family: SdkFamily;
  /** null: the current release */
  version: string | null;
}

/** Parses `js-v3`, `python@1.29.27`, `aws-cli@2.9.19`...; throws a UsageError naming the value. */
export function parseSdkSpec(text: string, available: readonly string[]): SdkSpec {
  const m = /^([a-z0-9-]+)(?:@(\d+(?:\.\d+){0,3}))?$/.exec(text.trim());
  const family = m?.[1];
  if (!m || family === undefined || !available.includes(family)) {
    throw new UsageError(`--sdk ${JSON.stringify(text)} is not supported; choose one of: ${available.join(', ')}, optionally with @VERSION (e.g. python@1.29.27), or auto, or all`);
  }
  return { family: family as SdkFamily, version: m[2] ?? null };
}
