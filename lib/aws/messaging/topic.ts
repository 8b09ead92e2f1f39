import { SnsTopic } from '@cdktf/provider-aws/lib/sns-topic';
import { SnsTopicPolicy } from '@cdktf/provider-aws/lib/sns-topic-policy';
import { Lazy, Token } from 'cdktf';
import { Construct } from 'constructs';
import { Rule, validateProps } from '../../core/validation';
import { grantKeyEncryptDecrypt } from '../security/grants';
import { Grant } from '../security/grant';
import { IGrantable, PolicyDocument, PolicyStatement, StarPrincipal } from '../security/policy';
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

/** An SNS topic, created here (`Topic`) or imported (`Topic.fromTopicArn`). */
export interface ITopic {
  readonly topicArn: string;
  readonly topicName: string;
  /** Publish messages (and, for a topic of this stack with a customer-managed key, encrypt them). */
  grantPublish(grantee: IGrantable): Grant;
  /** Appends a statement to the topic policy; false for an imported topic, whose policy is managed elsewhere. */
  addToResourcePolicy(statement: PolicyStatement): boolean;
}

const TOPIC_ARN = /^arn:aws[a-z-]*:sns:[a-z0-9-]+:\d{12}:([A-Za-z0-9_-]{1,256})(\.fifo)?$/;

export interface TopicAttributes {
  /** ARN of the existing topic. */
  readonly topicArn: string;
  /**
   * KMS key ARN the topic encrypts with; publishers get `kms:GenerateDataKey` on it.
   * @default none (an AWS-managed key needs no grant)
   */
  readonly kmsKeyArn?: string;
}

class ImportedTopic extends Construct implements ITopic {
  public readonly topicArn: string;
  public readonly topicName: string;
  private readonly kmsKeyArn?: string;

  constructor(scope: Construct, id: string, attrs: TopicAttributes) {
    super(scope, id);
    validateProps(this, attrs, [
      { rule: 'topicArn must be an SNS topic ARN (arn:aws:sns:<region>:<account>:<name>)', check: (p) => (Token.isUnresolved(p.topicArn) || TOPIC_ARN.test(p.topicArn) ? undefined : p.topicArn) },
    ]);
    this.topicArn = attrs.topicArn;
    this.topicName = Token.isUnresolved(attrs.topicArn) ? attrs.topicArn : attrs.topicArn.split(':').pop()!;
    this.kmsKeyArn = attrs.kmsKeyArn;
  }

  grantPublish(grantee: IGrantable): Grant {
    return publishGrant(grantee, this.topicArn, this.kmsKeyArn);
  }

  addToResourcePolicy(): boolean {
    return false;
  }
}

function publishGrant(grantee: IGrantable, topicArn: string, kmsKeyArn?: string): Grant {
  const publish = Grant.addToPrincipal(grantee, { actions: 'sns:Publish', resources: topicArn });
  return Grant.combine(publish, kmsKeyArn ? grantKeyEncryptDecrypt(kmsKeyArn, grantee) : undefined);
}

const RULES: Rule<TopicProps>[] = [
  { rule: 'name must be 1-256 characters of letters, digits, hyphens and underscores', check: (p) => (/^[A-Za-z0-9_-]{1,256}$/.test(p.name) ? undefined : p.name) },
];

/**
 * An SNS topic for application events (as opposed to `AlarmTopic`, which
 * carries alarms to people): encrypted at rest, a topic policy that refuses
 * publishing over plain HTTP, and `grantPublish` for producers.
 */
export class Topic extends Construct implements ITopic {
  /** An existing topic by ARN (its policy is not managed here). */
  static fromTopicArn(scope: Construct, id: string, topicArn: string, attrs: Omit<TopicAttributes, 'topicArn'> = {}): ITopic {
    return new ImportedTopic(scope, id, { ...attrs, topicArn });
  }

  public readonly topic: SnsTopic;
  public readonly topicArn: string;
  public readonly topicName: string;
  private readonly kmsKeyArn?: string;
  /** The topic policy. */
  public readonly policyDocument = new PolicyDocument();

  constructor(scope: Construct, id: string, props: TopicProps) {
    super(scope, id);
    requireProps(this, props, ['name']);
    validateProps(this, props, RULES);
    this.kmsKeyArn = props.kmsKeyArn;
    this.topic = new SnsTopic(this, 'Resource', { name: props.name, kmsMasterKeyId: props.kmsKeyArn ?? 'alias/aws/sns' });
    this.topicArn = this.topic.arn;
    this.topicName = this.topic.name;
    this.policyDocument.addStatements(
      new PolicyStatement({
        sid: 'DenyInsecureTransport',
        effect: 'Deny',
        principals: [new StarPrincipal()],
        actions: 'sns:Publish',
        resources: this.topicArn,
        conditions: { Bool: { 'aws:SecureTransport': 'false' } },
      }),
    );
    new SnsTopicPolicy(this, 'Policy', {
      arn: this.topicArn,
      policy: Lazy.stringValue({ produce: () => this.policyDocument.render() }),
    });
  }

  /** Appends a statement to the topic policy. */
  addToResourcePolicy(statement: PolicyStatement): boolean {
    this.policyDocument.addStatements(statement);
    return true;
  }

  /** Publish messages (and encrypt them with the topic's key). */
  grantPublish(grantee: IGrantable): Grant {
    return publishGrant(grantee, this.topicArn, this.kmsKeyArn);
  }
}
