/** Where sign-in leads when the page asked for nowhere in particular (or somewhere unsafe). */
export const AFTER_SIGN_IN = '/contacts';
