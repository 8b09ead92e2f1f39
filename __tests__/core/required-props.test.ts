import * as fs from 'fs';
import * as path from 'path';
import { App } from 'cdktf';
import { Construct } from 'constructs';
import { Topic } from '../../lib/aws/messaging/topic';
import { MetricAlarm } from '../../lib/aws/monitoring/alarms';
import { AwsStack } from '../../lib/aws/aws-stack';
import { AzureStack } from '../../lib/azure/azure-stack';
import { ValidationError } from '../../lib/core/validation';

const ROOT = path.join(__dirname, '..', '..');
const awsStack = () => new AwsStack(new App({ outdir: '/tmp/unused' }), 's', { architecture: 'a', environment: 'dev', region: 'us-east-1', backend: { type: 'local' } });
const azureStack = () => new AzureStack(new App({ outdir: '/tmp/unused' }), 's', { architecture: 'a', environment: 'dev', location: 'eastus', backend: { type: 'local' } });

function sources(dir: string): string[] {
  return fs.readdirSync(path.join(ROOT, dir), { withFileTypes: true }).flatMap((e) => {
    const rel = path.join(dir, e.name);
    if (e.isDirectory()) return sources(rel);
    return rel.endsWith('.ts') && !rel.endsWith('index.ts') ? [rel] : [];
  });
}

// VnetSubnet is built by VirtualNetwork from its own validated spec, never by callers with props.
const INTERNAL = new Set(['VnetSubnet']);

type Ctor = new (scope: Construct, id: string, props: unknown) => Construct;
const constructs: [string, string, Ctor][] = [...sources('lib/aws'), ...sources('lib/azure')].flatMap((file) =>
  Object.entries(require(path.join(ROOT, file)) as Record<string, unknown>)
    .filter(([name, v]) => typeof v === 'function' && (v as { prototype: unknown }).prototype instanceof Construct && !INTERNAL.has(name) && !name.endsWith('Stack'))
    .map(([name, v]) => [file, name, v as Ctor] as [string, string, Ctor]),
);

describe('JavaScript / any callers that leave out required props', () => {
  test('the library exports constructs to check', () => {
    expect(constructs.length).toBeGreaterThan(40);
  });

  test.each(constructs.flatMap(([file, name, ctor]) => [[file, name, ctor, {}] as const, [file, name, ctor, undefined] as const]))(
    '%s %s with %j fails with a ValidationError, never a TypeError',
    (file, _name, ctor, props) => {
      const stack = file.startsWith('lib/aws') ? awsStack() : azureStack();
      try {
        new ctor(stack, 'X', props);
      } catch (e) {
        expect(e).toBeInstanceOf(ValidationError);
        expect((e as Error).message).toMatch(/^s\/X: /);
      }
    },
  );

  test('an alarm with no dimensions, a topic without a name, an undefined name', () => {
    const alarm = { name: 'cpu', namespace: 'AWS/EC2', metricName: 'CPUUtilization', threshold: 80 };
    expect(() => new MetricAlarm(awsStack(), 'Alarm', alarm as never)).toThrow(new ValidationError('s/Alarm', 'dimensions is required', undefined));
    expect(() => new MetricAlarm(awsStack(), 'Alarm', alarm as never)).toThrow('s/Alarm: dimensions is required (got undefined)');
    expect(() => new Topic(awsStack(), 'Topic', {} as never)).toThrow('s/Topic: name is required (got undefined)');
    expect(() => new Topic(awsStack(), 'Topic', { name: undefined } as never)).toThrow('s/Topic: name is required (got undefined)');
    expect(() => new Topic(awsStack(), 'Topic', undefined as never)).toThrow('s/Topic: props are required (name) (got undefined)');
  });
});
