import path from 'node:path';

// Compiled code runs from dist/, tests from src/: both sit one level below the project root.
export const PROJECT_ROOT = path.resolve(__dirname, '..');
export const VIEWS_DIR = path.join(PROJECT_ROOT, 'views');
export const PUBLIC_DIR = path.join(PROJECT_ROOT, 'public');
