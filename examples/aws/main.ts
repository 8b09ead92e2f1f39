/**
 * The example AWS app. `cd examples/aws && npx cdktf synth` runs this file (cdktf.json: the
 * repository's loader, scripts/synth.js) and writes cdktf.out/stacks/shop-dev/cdk.tf.json here.
 */
import { App } from 'cdktf';
import { synthApp } from '../../lib/core';
import { AWS_PACK, Policy } from '../../lib/policy';
import { ShopStack } from './stack';

const app = new App();

new ShopStack(app, 'shop-dev', {
  environment: 'dev',
  stage: 'non-production',
  region: 'eu-west-1',
  // Remote state in S3 (encrypted, S3 lock file); key `shop-dev/terraform.tfstate`.
  backend: { type: 's3', bucket: 'acme-shop-terraform-state', region: 'eu-west-1' },
  certificateArn: 'arn:aws:acm:eu-west-1:111122223333:certificate/0b1c2d3e-4f50-4617-8899-aabbccddeeff',
  alertEmail: 'ops@example.com',
});

// Policy packs at synth: an error fails synth (nothing written), reports land in cdktf.out/policy/.
Policy.enable(app, { packs: [AWS_PACK] });
// Every validation and policy error of the app at once, one line each; exit 1 and nothing written on any.
synthApp(app, { exitOnError: true });
