/**
 * One line in CloudWatch Embedded Metric Format: CloudWatch Logs turns it into metrics with no API
 * call. Pure (report, options) → string. The document follows the specification
 * (docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/CloudWatch_Embedded_Metric_Format_Specification.html,
 * source awsdocs/amazon-cloudwatch-user-guide doc_source/CloudWatch_Embedded_Metric_Format_Specification.md):
 * every dimension a string member of the root, every metric a number member of the root.
 */
import type { Report } from '../model/report.ts';
import { escapeJsonText } from './escape.ts';
import { clusterName, taskOf } from './task.ts';

export const EMF_NAMESPACE = 'ECSCredDoctor';

/**
 * Each dimension set is a metric of its own (and a bill): per task family within a cluster, and
 * the whole cluster for one fleet alarm. Task ARN and container stay properties: one metric per
 * task would be a metric per task launch.
 */
const DIMENSIONS = [['Cluster', 'TaskFamily'], ['Cluster']];

export function renderEmf(r: Report, o: { replay?: boolean } = {}): string {
  const at = Date.parse(r.facts.collectedAt);
  const task = taskOf(r.facts);
  const left = r.winner?.expiration ? Date.parse(r.winner.expiration) - at : Number.NaN;
  const count = (s: string): number => r.findings.filter((f) => f.severity === s).length;
  const doc = {
    _aws: {
      Timestamp: Number.isNaN(at) ? 0 : at,
      CloudWatchMetrics: [
        {
          Namespace: EMF_NAMESPACE,
          Dimensions: DIMENSIONS,
          Metrics: [
            { Name: 'CredentialsHealthy', Unit: 'None' },
            { Name: 'Errors', Unit: 'Count' },
            { Name: 'Warnings', Unit: 'Count' },
            // a metric named in the directive must be on the root: none for keys that never expire
            ...(Number.isNaN(left) ? [] : [{ Name: 'SecondsToExpiry', Unit: 'Seconds' }]),
          ],
        },
      ],
    },
    // dimension values must be strings: "unknown" outside ECS (no task metadata)
    Cluster: task.cluster ? clusterName(task.cluster) : 'unknown',
    TaskFamily: task.family ?? 'unknown',
    CredentialsHealthy: r.verdict.ok ? 1 : 0,
    Errors: count('error'),
    Warnings: count('warning'),
    ...(Number.isNaN(left) ? {} : { SecondsToExpiry: Math.floor(left / 1000) }),
    TaskArn: task.arn,
    TaskDefinition: task.definition,
    Container: task.container,
    Winner: r.winner?.source ?? null,
    Role: r.identity?.roleName ?? null,
    FindingCodes: r.findings.map((f) => f.code),
    HeadlineCode: r.verdict.headlineCode,
    Replay: o.replay === true,
    ToolVersion: r.tool.version,
  };
  return `${escapeJsonText(JSON.stringify(doc))}\n`;
}
