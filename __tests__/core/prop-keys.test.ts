import * as fs from 'fs';
import { Testing } from 'cdktf';
import { AwsStack } from '../../lib/aws/aws-stack';
import { PostgresDatabase } from '../../lib/aws/database';
import { AzureStack } from '../../lib/azure/azure-stack';
import { StorageAccount } from '../../lib/azure/storage';
import { collectErrors } from '../../lib/core/validation';
import { PROP_KEYS_FILE, generatePropKeys } from '../../scripts/prop-keys';
import { expectValidationError } from '../helpers';

const awsStack = () => new AwsStack(Testing.app(), 'shop-dev', { architecture: 'shop', environment: 'dev', region: 'eu-west-1', backend: { type: 'local' } });
const subnets = { ids: ['subnet-a', 'subnet-b'], azs: ['eu-west-1a', 'eu-west-1b'] };

describe('unknown prop keys (JavaScript and `any` callers)', () => {
  test('a misspelled prop is a validation error naming the construct, the key and the likely fix', () => {
    // The example: without the check this synthesized deletion_protection=true, multi_az=false.
    const props = { identifier: 'shop-db', vpcId: 'vpc-1', subnets, deletionProtecton: false, multiAZ: true } as unknown as ConstructorParameters<typeof PostgresDatabase>[2];
    const errors = collectErrors(() => new PostgresDatabase(awsStack(), 'Db', props));
    expect(errors).toEqual([
      'shop-dev/Db: PostgresDatabase has no prop of this name, so it would be ignored (got "deletionProtecton"); did you mean "deletionProtection"?',
      'shop-dev/Db: PostgresDatabase has no prop of this name, so it would be ignored (got "multiAZ"); did you mean "multiAz"?',
    ]);
  });

  test('an unknown key with no near match names no fix; an undefined value is not reported', () => {
    const props = { identifier: 'shop-db', vpcId: 'vpc-1', subnets, colour: 'blue', finalSnapshot: undefined } as unknown as ConstructorParameters<typeof PostgresDatabase>[2];
    expect(collectErrors(() => new PostgresDatabase(awsStack(), 'Db', props))).toEqual(['shop-dev/Db: PostgresDatabase has no prop of this name, so it would be ignored (got "colour")']);
  });

  test('constructs whose props are all optional are checked too (requireProps(this, props, []))', () => {
    const stack = new AzureStack(Testing.app(), 'test', { architecture: 'shop', environment: 'dev', location: 'westeurope', backend: { type: 'local' } });
    expectValidationError(() => new StorageAccount(stack, 'Files', { replicaton: 'ZRS' } as never), 'test/Files: StorageAccount has no prop of this name, so it would be ignored (got "replicaton"); did you mean "replication"?');
  });

  test('correct props report nothing', () => {
    expect(collectErrors(() => new PostgresDatabase(awsStack(), 'Db', { identifier: 'shop-db', vpcId: 'vpc-1', subnets, deletionProtection: false, multiAz: true }))).toEqual([]);
  });

  test('lib/core/prop-keys.generated.ts is up to date (run `npm run prop-keys` after changing a Props interface)', () => {
    // (Stryker's sandbox copies every .ts file with a `// @ts-nocheck` first line: not part of the table.)
    expect(fs.readFileSync(PROP_KEYS_FILE, 'utf8').replace(/^\/\/ @ts-nocheck\n/, '')).toBe(generatePropKeys());
  }, 120_000);
});
