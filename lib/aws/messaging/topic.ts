import { SnsTopic } from '@cdktf/provider-aws/lib/sns-topic';
import { SnsTopicPolicy } from '@cdktf/provider-aws/lib/sns-topic-policy';
import { Lazy } from 'cdktf';
import { Construct } from 'constructs';
import { Rule, validateProps } from '../../core/validation';
import { grantKeyEncryptDecrypt } from '../security/grants';
import { Grant } from '../security/grant';
import { IGrantable } from '../security/role';
import { requireProps } from '../../core/validation';

export interface TopicProps {
  /** Topic name, 1-256 characters of letters, digits, hyphens and underscores. */
  readonly name: string;
  /**
   * KMS key ARN that encrypts messages at rest. Publishers get `kms:GenerateDataKey` on it through `grantPublish`.
   * @default the AWS-managed `alias/aws/sns` key
   */
  readonly kmsKeyArn?: string;
}

const RULES: Rule<TopicProps>[] = [
  { rule: 'name must be 1-256 characters of letters, digits, hyphens and underscores', check: (p) => (/^[A-Za-z0-9_-]{1,256}$/.test(p.name) ? undefined : p.name) },
];

/**
 * An SNS topic for application events (as opposed to `AlarmTopic`, which
 * carries alarms to people): encrypted at rest, a topic policy that refuses
 * publishing over plain HTTP, and `grantPublish` for producers.
 */
export class Topic extends Construct {
  public readonly topic: SnsTopic;
  public readonly topicArn: string;
  public readonly topicName: string;
  private readonly kmsKeyArn?: string;
  private readonly statements: Record<string, unknown>[] = [];

  constructor(scope: Construct, id: string, props: TopicProps) {
    super(scope, id);
    requireProps(this, props, ['name']);
    validateProps(this, props, RULES);
    this.kmsKeyArn = props.kmsKeyArn;
    this.topic = new SnsTopic(this, 'Resource', { name: props.name, kmsMasterKeyId: props.kmsKeyArn ?? 'alias/aws/sns' });
    this.topicArn = this.topic.arn;
    this.topicName = this.topic.name;
    this.statements.push({
      Sid: 'DenyInsecureTransport',
      Effect: 'Deny',
      Principal: '*',
      Action: 'sns:Publish',
      Resource: this.topicArn,
      Condition: { Bool: { 'aws:SecureTransport': 'false' } },
    });
    new SnsTopicPolicy(this, 'Policy', {
      arn: this.topicArn,
      policy: Lazy.stringValue({ produce: () => JSON.stringify({ Version: '2012-10-17', Statement: this.statements }) }),
    });
  }

  /** Appends a statement to the topic policy. */
  addToResourcePolicy(statement: Record<string, unknown>): void {
    this.statements.push(statement);
  }

  /** Publish messages (and encrypt them with the topic's key). */
  grantPublish(grantee: IGrantable): Grant {
    const publish = Grant.addToPrincipal(grantee, { Action: 'sns:Publish', Resource: this.topicArn });
    return Grant.combine(publish, this.kmsKeyArn ? grantKeyEncryptDecrypt(this.kmsKeyArn, grantee) : undefined);
  }
}
