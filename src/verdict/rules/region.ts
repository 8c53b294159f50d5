/** Rules about the app's region: missing, or not the task's. */
import { draft, type Draft } from '../../findings/registry.ts';
import { regionOfArn } from '../../arn.ts';
import type { RuleInput } from '../input.ts';

export function regionMismatch(i: RuleInput): Draft[] {
  const region = i.chain.appRegionOf(i.facts);
  const task = i.facts.taskMetadata?.ok ? i.facts.taskMetadata.task : null;
  const taskRegion = task?.taskArn ? regionOfArn(task.taskArn) : null;
  if (!taskRegion || !region.region || taskRegion === region.region) return [];
  return [
    draft('REGION_MISMATCH', { sdkRegion: region.region, from: region.from, taskRegion, variable: i.chain.regionVariables.join(' or ') }, [
      { label: 'task region', value: taskRegion },
      { label: 'SDK region', value: `${region.region} (${region.from})` },
    ]),
  ];
}

export function regionMissing(i: RuleInput): Draft[] {
  const region = i.chain.appRegionOf(i.facts);
  if (region.region) return [];
  // `from` is the SDK's own account of where it looked (botocore: "AWS_REGION is set, but ... ignore it")
  return [draft('REGION_MISSING', { sdk: i.chain.label, from: region.from, variable: i.chain.regionVariables.join(' or ') })];
}
