// Preloaded into the API and the minimal server by `bench:http --profile DIR`: the message
// 'profile:start' on the IPC channel starts V8's CPU profiler, 'profile:stop' stops it and writes
// DIR/<BENCH_PROFILE_NAME or api>-<pid>.cpuprofile, so the profile covers the measured load only
// (not start-up or warm-up). Same format as `node --cpu-prof`. Not signals: Nest's shutdown
// hooks take SIGUSR2 and the others.
const { Session } = require('node:inspector');
const { writeFileSync } = require('node:fs');
const { join } = require('node:path');

const session = new Session();
session.connect();
process.on('message', (message) => {
  if (message === 'profile:start') {
    session.post('Profiler.enable', () => session.post('Profiler.setSamplingInterval', { interval: 1000 }, () => session.post('Profiler.start')));
    return;
  }
  if (message !== 'profile:stop') return;
  session.post('Profiler.stop', (error, { profile } = {}) => {
    if (error) throw error;
    const file = join(process.env.BENCH_PROFILE_DIR, `${process.env.BENCH_PROFILE_NAME || 'api'}-${process.pid}.cpuprofile`);
    writeFileSync(file, JSON.stringify(profile));
    process.stderr.write(`[cpu-profile] wrote ${file}\n`);
    process.disconnect();
  });
});
