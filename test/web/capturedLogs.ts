import type { Express } from 'express';
import { createApp } from '../../src/app';
import { loadConfig } from '../../src/config';
import { createLogger } from '../../src/logger';
import type { TestDatabase } from '../support/testDatabase';
import { TEST_PASSWORD } from '../support/testApp';

export interface LogEntry {
  level: number;
  msg: string;
  req?: { id?: string; method?: string; path?: string };
  res?: { statusCode?: number };
  [key: string]: unknown;
}

/** The production logger, writing to memory instead of stdout. */
export function capturedLogger(level: string) {
  const lines: string[] = [];
  const logger = createLogger(level, {
    write(chunk: string) {
      lines.push(...chunk.split('\n').filter((line) => line !== ''));
    },
  });
  return {
    logger,
    lines,
    text: () => lines.join('\n'),
    entries: () => lines.map((line) => JSON.parse(line) as LogEntry),
  };
}

/** The app as production builds it, logging at LOG_LEVEL into memory. */
export function appWithCapturedLogs(database: TestDatabase, logLevel = 'info') {
  const config = loadConfig({
    NODE_ENV: 'test',
    DATABASE_URL: database.url,
    APP_PASSWORD: TEST_PASSWORD,
    SESSION_SECRET: 'log-test-secret-that-is-at-least-32-characters',
    LOG_LEVEL: logLevel,
  });
  const logs = capturedLogger(config.logLevel);
  const app: Express = createApp({ db: database.db, config, logger: logs.logger });
  return { app, logs };
}
