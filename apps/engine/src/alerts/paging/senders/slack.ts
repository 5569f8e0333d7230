import type { Notification } from '../notification.js';
import { details, headline } from '../notification.js';

const ICON = { firing: ':rotating_light:', resolved: ':white_check_mark:', test: ':test_tube:' };

/** Slack's incoming-webhook message (Mattermost and others take the same): text, then blocks. */
export function slackBody(n: Notification) {
  const lines = details(n);
  const { link } = n.alert;
  const blocks: unknown[] = [
    {
      type: 'section',
      text: { type: 'mrkdwn', text: `${ICON[n.event]} *${escapeMrkdwn(headline(n))}*` },
    },
    { type: 'section', text: { type: 'mrkdwn', text: escapeMrkdwn(lines.join('\n')) } },
  ];
  if (link)
    blocks.push({
      type: 'context',
      elements: [
        {
          type: 'mrkdwn',
          text: `<${link}|${n.event === 'test' ? 'Open the console' : 'Open the job in Weir'}>`,
        },
      ],
    });
  // `text` is what notifications and clients without blocks show.
  return { text: `${headline(n)}: ${n.alert.summary}`, blocks };
}

/** Slack's mrkdwn gives &, < and > meaning; the text must not. */
function escapeMrkdwn(text: string): string {
  return text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');
}
