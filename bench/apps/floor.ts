/**
 * The floor: the smallest useful cdktf app (one plain TerraformStack, the AWS
 * provider and one resource, imported by deep path), run exactly like main.ts
 * (`node -r @swc-node/register`). Everything the real app costs above this is
 * the library and the stacks.
 */
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { S3Bucket } from '@cdktf/provider-aws/lib/s3-bucket';
import { App, TerraformStack } from 'cdktf';

const app = new App();
const stack = new TerraformStack(app, 'floor');
new AwsProvider(stack, 'aws', { region: 'us-east-1' });
new S3Bucket(stack, 'bucket', { bucket: 'bench-floor-bucket' });
app.synth();
