'use strict';
/**
 * Process-level measurement helpers for the benchmark: run a command in a
 * fresh process, time it from the parent and read the child's peak RSS.
 *
 * Peak RSS comes from GNU time (`/usr/bin/time -f %M`, the child's
 * `ru_maxrss` from wait4) when it is installed; otherwise a preload
 * (`rss-preload.js`) makes a Node child write `process.resourceUsage().maxRSS`
 * when it exits. Both report the same kernel counter.
 */
const { spawnSync } = require('child_process');
const fs = require('fs');
const os = require('os');
const path = require('path');

const GNU_TIME = '/usr/bin/time';
const RSS_PRELOAD = path.join(__dirname, 'rss-preload.js');

let gnuTimeWorks;
/** True when /usr/bin/time is GNU time and accepts `-f %M -o file`. */
function hasGnuTime() {
  if (gnuTimeWorks === undefined) {
    const probe = path.join(os.tmpdir(), `bench-time-probe-${process.pid}`);
    const r = fs.existsSync(GNU_TIME) ? spawnSync(GNU_TIME, ['-f', '%M', '-o', probe, process.execPath, '-e', '0']) : { status: 1 };
    gnuTimeWorks = r.status === 0 && fs.existsSync(probe) && /^\d+\s*$/m.test(fs.readFileSync(probe, 'utf8'));
    fs.rmSync(probe, { force: true });
  }
  return gnuTimeWorks;
}

/** Which peak-RSS method is in use (printed in the header and stored in the JSON). */
function rssMethod() {
  return hasGnuTime() ? 'GNU time %M (ru_maxrss of the child)' : 'process.resourceUsage().maxRSS written by a preload at exit';
}

/**
 * Runs `node <nodeArgs...>` in a fresh process.
 * Returns { ms, rssMB, status, stdout, stderr }; `ms` is wall time seen by the parent.
 */
function runNode(nodeArgs, { cwd, env, timeoutMs = 10 * 60_000 } = {}) {
  const tag = `${process.pid}-${Math.random().toString(36).slice(2)}`;
  const rssFile = path.join(os.tmpdir(), `bench-rss-${tag}`);
  let cmd;
  let args;
  const childEnv = { ...process.env, ...env };
  if (hasGnuTime()) {
    cmd = GNU_TIME;
    args = ['-f', '%M', '-o', rssFile, process.execPath, ...nodeArgs];
  } else {
    cmd = process.execPath;
    args = ['-r', RSS_PRELOAD, ...nodeArgs];
    childEnv.BENCH_RSS_FILE = rssFile;
  }
  const t0 = process.hrtime.bigint();
  const r = spawnSync(cmd, args, { cwd, env: childEnv, encoding: 'utf8', timeout: timeoutMs, maxBuffer: 256 * 1024 * 1024 });
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  let rssMB = NaN;
  if (fs.existsSync(rssFile)) {
    // GNU time prints "Command exited with non-zero status N" before %M on failure: take the last number.
    const nums = fs.readFileSync(rssFile, 'utf8').match(/\d+/g) || [];
    if (nums.length) rssMB = Number(nums[nums.length - 1]) / 1024;
    fs.rmSync(rssFile, { force: true });
  }
  return { ms, rssMB, status: r.status, signal: r.signal, stdout: r.stdout || '', stderr: r.stderr || '', error: r.error };
}

/** Runs any command (no RSS), timing it from the parent. */
function runCommand(cmd, args, { cwd, env, timeoutMs = 15 * 60_000 } = {}) {
  const t0 = process.hrtime.bigint();
  const r = spawnSync(cmd, args, { cwd, env: { ...process.env, ...env }, encoding: 'utf8', timeout: timeoutMs, maxBuffer: 256 * 1024 * 1024 });
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  return { ms, status: r.status, signal: r.signal, stdout: r.stdout || '', stderr: r.stderr || '', error: r.error };
}

function median(values) {
  const v = values.filter((x) => Number.isFinite(x)).sort((a, b) => a - b);
  if (v.length === 0) return NaN;
  const mid = Math.floor(v.length / 2);
  return v.length % 2 ? v[mid] : (v[mid - 1] + v[mid]) / 2;
}

/** A fresh, empty temporary directory. */
function tempDir(prefix) {
  return fs.mkdtempSync(path.join(os.tmpdir(), `bench-${prefix}-`));
}

module.exports = { hasGnuTime, rssMethod, runNode, runCommand, median, tempDir };
