'use strict';
/**
 * Fallback peak-RSS probe when GNU time is not installed: preloaded with
 * `node -r bench/lib/rss-preload.js ...`, it writes the process's peak
 * resident set size (KB, `ru_maxrss`) to $BENCH_RSS_FILE when it exits.
 */
const fs = require('fs');

process.on('exit', () => {
  const file = process.env.BENCH_RSS_FILE;
  if (file) fs.writeFileSync(file, String(process.resourceUsage().maxRSS));
});
