/**
 * The one stop-word list: English function words from the `stopword` library, the contractions our
 * tokeniser produces ("whats", "dont"), and the words that frame a request to an assistant rather than
 * name its subject ("tell me", "any news on", "remind me", "at the mo"). Dropping them is what lets a
 * casual question find the same passages as a formal one, and keeps them from counting against an
 * answer's coverage.
 */
import { eng } from 'stopword';

const CONTRACTIONS =
  'whats whos hows wheres whens whys thats theres heres its im ive id youre youve dont doesnt didnt isnt arent wasnt werent ' +
  'cant cannot wont wouldnt shouldnt couldnt hasnt havent hadnt lets';

/** Words that frame a request to an assistant: greetings, requests, hedges and "news"-like nouns. */
const FRAMING =
  'tell know knows please pls plz thanks thank cheers hi hey hello ok okay quick quickly question q explain describe give ' +
  'list show find mean means meaning happen happens happening anything something everything nothing thing things stuff ' +
  'kind sort want wondering wonder remind reminder actually basically really just exactly currently mo moment deal news ' +
  'info lowdown gist rundown recap mention mentions mentioned refer refers referred talk talks bit lot right due yet so far already ever anyone anybody someone somebody overview summary summarise summarize details detail say says saying according also ' +
  'etc e g eg ie can could would should will shall may might must am often stand stands who whom whose what when where why how which one ones again compare compared comparison versus vs';

/**
 * "What will the workstream do?" asks what it will do: a main verb "do" names the activity, so the forms of
 * "do" are not stop words (their auxiliary uses are dropped from questions by their part of speech).
 */
const KEPT = new Set(['do', 'does', 'did', 'doing', 'done']);

export const STOP_WORDS: ReadonlySet<string> = new Set([...eng, ...CONTRACTIONS.split(' '), ...FRAMING.split(' ')].filter((w) => !KEPT.has(w)));
