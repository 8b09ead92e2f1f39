'use strict';
/**
 * The same floor app as floor.ts in plain JavaScript, run with bare `node`
 * (no TypeScript register hook): shows what the hook itself costs.
 */
const { AwsProvider } = require('@cdktf/provider-aws/lib/provider');
const { S3Bucket } = require('@cdktf/provider-aws/lib/s3-bucket');
const { App, TerraformStack } = require('cdktf');

const app = new App();
const stack = new TerraformStack(app, 'floor');
new AwsProvider(stack, 'aws', { region: 'us-east-1' });
new S3Bucket(stack, 'bucket', { bucket: 'bench-floor-bucket' });
app.synth();
