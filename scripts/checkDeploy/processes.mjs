import { spawn } from 'node:child_process';
import { readdirSync, readFileSync, readlinkSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { CheckFailure, expect } from './failure.mjs';

const TAIL_LINES = 60;
const started = new Set();

/**
 * Starts a command in a session of its own (setsid), as a dyno would: the whole tree can then
 * be signalled at once, and anything still in the session afterwards was left behind.
 */
export function start(command, args, { cwd, env, label }) {
  const child = spawn(command, args, {
    cwd,
    env,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const lines = [];
  const keep = (chunk) => {
    lines.push(...String(chunk).split('\n').filter(Boolean));
    lines.splice(0, Math.max(0, lines.length - TAIL_LINES));
  };
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  const exited = new Promise((resolve) => {
    child.once('error', (error) => resolve({ code: null, signal: null, error }));
    child.once('exit', (code, signal) => resolve({ code, signal }));
  });
  const proc = {
    pid: child.pid,
    label,
    exited,
    running: true,
    output: () => lines.map((line) => `  ${label} | ${line}`).join('\n'),
  };
  started.add(proc);
  void exited.then(() => {
    proc.running = false;
  });
  return proc;
}

/** Runs a command to completion within `timeoutMs`; any other exit than 0 fails the check. */
export async function run(command, args, { cwd, env, label, timeoutMs }) {
  const proc = start(command, args, { cwd, env, label });
  const result = await exitWithin(proc, timeoutMs);
  if (result === 'timeout') {
    signalGroup(proc, 'SIGKILL');
    throw new CheckFailure(
      `${label} did not finish within ${timeoutMs / 1000} s\n${proc.output()}`,
    );
  }
  if (result.code !== 0) {
    const how = result.error ? result.error.message : `exited with ${result.code ?? result.signal}`;
    throw new CheckFailure(`${label} ${how}\n${proc.output()}`);
  }
  return proc;
}

/** Resolves to how the process exited, or to "timeout". */
export function exitWithin(proc, timeoutMs) {
  const timer = sleep(timeoutMs, 'timeout', { ref: false });
  return Promise.race([proc.exited, timer]);
}

function signalGroup(proc, signal) {
  try {
    process.kill(-proc.pid, signal);
  } catch (error) {
    if (error.code !== 'ESRCH') throw error;
  }
}

/**
 * Processes that outlived their parent: still in its session or process group, or running in
 * (or from) the temporary folder. Read from /proc, so it sees orphans re-parented to init.
 */
function leftovers(proc, root) {
  const found = [];
  const ourselves = ancestry();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry) || ourselves.has(entry)) continue;
    const stat = readProc(entry, 'stat', readFileSync);
    if (stat === null) continue;
    const [, , groupId, sessionId] = statFields(stat);
    const commandLine = (readProc(entry, 'cmdline', readFileSync) ?? '').replaceAll('\0', ' ');
    const cwd = readProc(entry, 'cwd', readlinkSync) ?? '';
    if (
      [groupId, sessionId].includes(String(proc.pid)) ||
      cwd.startsWith(root) ||
      commandLine.includes(root)
    ) {
      found.push({ pid: Number(entry), commandLine: commandLine.trim() });
    }
  }
  return found;
}

/** This script and the shells that started it, which may well sit in the folder too. */
function ancestry() {
  const pids = new Set();
  let pid = String(process.pid);
  for (let depth = 0; depth < 64 && pid !== '0' && !pids.has(pid); depth += 1) {
    pids.add(pid);
    const stat = readProc(pid, 'stat', readFileSync);
    pid = stat === null ? '0' : (statFields(stat)[1] ?? '0');
  }
  return pids;
}

// state, ppid, pgrp, session, …: after the command name, which may contain spaces and ')'.
function statFields(stat) {
  return stat.slice(stat.lastIndexOf(')') + 2).split(' ');
}

// A process can end while we look, and kernel threads hide their cwd.
function readProc(pid, file, read) {
  try {
    return String(read(`/proc/${pid}/${file}`, 'utf8'));
  } catch {
    return null;
  }
}

/** Waits up to `timeoutMs` for leftovers to exit on their own, then kills and reports them. */
export async function expectNoLeftovers(proc, root, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  let remaining = leftovers(proc, root);
  while (remaining.length > 0 && Date.now() < deadline) {
    await sleep(250);
    remaining = leftovers(proc, root);
  }
  if (remaining.length === 0) return;
  for (const { pid } of remaining) killQuietly(pid);
  const list = remaining.map((p) => `  ${p.pid} ${p.commandLine}`).join('\n');
  throw new CheckFailure(`${proc.label} left processes running:\n${list}`);
}

/**
 * Signals the whole group, as the dyno manager or Ctrl-C would, and expects it to exit within
 * `timeoutMs` (with `exitCode`, when given) leaving nothing behind. Returns how many
 * processes it stopped.
 */
export async function stopGroup(proc, root, { signal, timeoutMs, exitCode, leftoverTimeoutMs }) {
  const running = leftovers(proc, root).length;
  signalGroup(proc, signal);
  const exit = await exitWithin(proc, timeoutMs);
  expect(
    exit !== 'timeout',
    `${proc.label} did not exit within ${timeoutMs / 1000} s of ${signal}`,
    proc,
  );
  if (exitCode !== undefined) {
    expect(
      exit.code === exitCode,
      `${proc.label} exited with ${exit.code ?? exit.signal} after ${signal}, not ${exitCode}`,
      proc,
    );
  }
  await expectNoLeftovers(proc, root, leftoverTimeoutMs);
  return running;
}

/** On failure or Ctrl-C: nothing this script started may outlive it. */
export function killEverythingStarted(root) {
  for (const proc of started) {
    if (proc.running) signalGroup(proc, 'SIGKILL');
    for (const { pid } of leftovers(proc, root)) killQuietly(pid);
  }
}

function killQuietly(pid) {
  try {
    process.kill(pid, 'SIGKILL');
  } catch {
    // Already gone.
  }
}
