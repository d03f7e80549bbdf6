import express, { type Request, type Response } from 'express';
import type Provider from 'oidc-provider';
import { errorPage, loginPage, PAGE_CSP } from './pages';
import { INTERACTION_PATH } from './salesforcePaths';
import { SAMPLE_SALESFORCE_USERS, sampleUserByKey, subjectOf } from './sampleUsers';

function sendPage(res: Response, status: number, html: string): void {
  res
    .status(status)
    .set({ 'Content-Security-Policy': PAGE_CSP, 'Cache-Control': 'no-store' })
    .type('html')
    .send(html);
}

/**
 * Names the failure for the person at the browser. The provider throws when the interaction
 * cookie is missing or the sign-in took too long; either way the answer is to start again.
 */
function sendFailure(res: Response, error: unknown): void {
  const detail = error instanceof Error ? error.message : 'unknown error';
  sendPage(
    res,
    400,
    errorPage(`This sign-in cannot go on (${detail}). Start it again from the app.`),
  );
}

/** The login page: the provider sends the browser here, and the chosen user goes back to it. */
export function interactionRoutes(provider: Provider): express.Router {
  const router = express.Router();

  router.get(`${INTERACTION_PATH}/:uid`, async (req: Request, res: Response) => {
    try {
      const details = await provider.interactionDetails(req, res);
      sendPage(res, 200, loginPage(`${INTERACTION_PATH}/${details.uid}`, SAMPLE_SALESFORCE_USERS));
    } catch (error) {
      sendFailure(res, error);
    }
  });

  router.post(
    `${INTERACTION_PATH}/:uid`,
    express.urlencoded({ extended: false, limit: '1kb' }),
    async (req: Request, res: Response) => {
      const body = req.body as Record<string, unknown> | undefined;
      const user = typeof body?.user === 'string' ? sampleUserByKey(body.user) : undefined;
      if (!user) {
        sendPage(res, 400, errorPage('Choose one of the sample users listed on the login page.'));
        return;
      }
      try {
        // The provider checks the interaction cookie; `remember: false` keeps its session
        // cookie out of the browser's long-lived store, as it is never reused anyway.
        await provider.interactionFinished(
          req,
          res,
          { login: { accountId: subjectOf(user), remember: false } },
          { mergeWithLastSubmission: false },
        );
      } catch (error) {
        sendFailure(res, error);
      }
    },
  );

  return router;
}
