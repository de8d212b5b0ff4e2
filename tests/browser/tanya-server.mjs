// A real `tanya serve` for the browser tests: started on the port given in
// `args` (or an ephemeral one), ready once it prints "tanya: ready port=N".
import { spawn } from 'node:child_process';

export function startTanya(binary, args, cacheDir) {
  return new Promise((resolve, reject) => {
    const proc = spawn(binary, ['serve', '--host', '127.0.0.1', ...args], {
      env: { ...process.env, TANYA_CACHE_DIR: cacheDir }, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    const onData = (d) => {
      out += d;
      const m = out.match(/tanya: ready port=(\d+)/);
      if (m) { proc.stdout.off('data', onData); proc.stdout.resume(); resolve({ proc, port: Number(m[1]) }); }
    };
    proc.stdout.on('data', onData);
    proc.stderr.resume();
    proc.on('exit', (code) => reject(new Error('tanya serve exited ' + code + '\n' + out)));
    setTimeout(() => reject(new Error('tanya serve not ready\n' + out)), 30000);
  });
}

export function stopTanya(s) {
  return new Promise((resolve) => { s.proc.removeAllListeners('exit'); s.proc.on('exit', resolve); s.proc.kill('SIGTERM'); });
}
