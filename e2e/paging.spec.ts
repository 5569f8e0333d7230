import { expect, test } from '@playwright/test';
import { type HttpReceiver, startHttpReceiver } from '@weir/engine/testing';
import { adminAccount, signInAt } from './support/accounts';

interface WebhookBody {
  status: string;
  test: boolean;
  alert: { rule: string; job: string };
}

const JOB = 'clicks-per-user';

let receiver: HttpReceiver;
test.beforeEach(async () => {
  receiver = await startHttpReceiver();
});
test.afterEach(async () => {
  await receiver.close();
});

test('an admin pages a webhook: tested, routed, held by a silence, then acknowledged', async ({
  page,
}) => {
  const bodies = () => receiver.at('/hook').map((r) => r.body as WebhookBody);
  const stamp = Date.now();
  const channel = `e2e-hook-${stamp}`;
  const rule = `e2e-paging-${stamp}`;
  await signInAt(page, '/alerts', adminAccount());

  // A webhook channel pointing at this spec's receiver; its test arrives there.
  const channelForm = page.getByRole('form', { name: 'Add notification channel' });
  await channelForm.getByLabel('Name').fill(channel);
  await channelForm.getByLabel('Kind').selectOption('webhook');
  await channelForm.getByLabel('URL', { exact: true }).fill(`${receiver.url}/hook`);
  await channelForm.getByRole('button', { name: 'Add channel' }).click();
  const channelRow = page.getByTestId(`channel-row-${channel}`);
  await expect(channelRow).toContainText(`${receiver.url}/hook`);
  await channelRow.getByRole('button', { name: `Test ${channel}` }).click();
  await expect(page.getByTestId(`channel-test-${channel}`)).toContainText('Delivered');
  expect(bodies().map((b) => [b.status, b.test])).toEqual([['test', true]]);

  // A silence for the rule about to be added, on the sample job.
  const silenceForm = page.getByRole('form', { name: 'Create silence' });
  await silenceForm.getByLabel('Rule').fill(rule);
  await silenceForm.getByLabel('Job').fill(JOB);
  await silenceForm.getByLabel('Comment').fill('e2e: paging while silenced');
  await silenceForm.getByRole('button', { name: 'Create silence' }).click();
  const activeSilences = page.getByRole('table', { name: 'Active silences' });
  const silenceRow = activeSilences.getByRole('row').filter({ hasText: rule });
  await expect(silenceRow).toContainText('e2e: paging while silenced');

  // The rule, out of reach at first, routed to the channel from its row in the rules panel.
  const ruleForm = page.getByRole('form', { name: 'Add alert rule' });
  await ruleForm.getByLabel('Rule name').fill(rule);
  await ruleForm.getByLabel('Kind').selectOption('dead-letters');
  await ruleForm.getByLabel('Threshold').fill('1000000');
  await ruleForm.getByLabel('Window (min)').fill('1');
  await ruleForm.getByLabel('For (min)').fill('0');
  await ruleForm.getByRole('button', { name: 'Add rule' }).click();
  const ruleRow = page.getByTestId(`rule-row-${JOB}-${rule}`);
  await ruleRow.getByLabel(`Route ${JOB} ${rule} to`).selectOption({ label: channel });
  await expect(page.getByTestId(`rule-channels-${JOB}-${rule}`)).toHaveText(channel);

  // Within reach: the sample job sends a few malformed records to the dead letters each second.
  await ruleRow.getByLabel(`Threshold of ${JOB} ${rule}`).fill('1');
  await ruleRow.getByRole('button', { name: 'Save' }).click();
  const firing = page.locator(`[data-testid="firing-alert"][data-rule="${rule}"]`);
  await expect(firing).toBeVisible({ timeout: 30_000 });
  await expect(firing).toHaveAttribute('data-silenced', 'true');
  await expect(firing).toContainText('silenced until');
  // The notifier has looked at it and held it back: nothing reached the receiver.
  const history = page.getByRole('table', { name: 'Alert history' });
  const historyRow = history.getByRole('row').filter({ hasText: rule });
  await expect(historyRow.getByTestId('delivery')).toContainText(
    `${channel} firing: held back by a silence`,
    { timeout: 30_000 },
  );
  expect(bodies().filter((b) => !b.test)).toEqual([]);

  // The silence ends early: the notification goes out, once.
  await silenceRow.getByRole('button', { name: 'Expire now' }).click();
  await expect(firing).toHaveAttribute('data-silenced', 'false');
  await expect
    .poll(
      () =>
        bodies()
          .filter((b) => !b.test)
          .map((b) => [b.status, b.alert.rule, b.alert.job]),
      {
        timeout: 30_000,
      },
    )
    .toEqual([['firing', rule, JOB]]);
  await expect(historyRow.getByTestId('delivery')).toContainText(`${channel} firing: delivered`);

  // Acknowledged: the dashboard says by whom.
  await firing.getByRole('button', { name: `Acknowledge ${rule}` }).click();
  await expect(firing.getByTestId('acknowledged-by')).toContainText('acknowledged by admin');

  // Leave the shared engine as found: the rule off (it resolves, and says so), the channel gone.
  await ruleRow.getByRole('button', { name: 'Switch off' }).click();
  await expect(firing).toHaveCount(0, { timeout: 30_000 });
  await expect
    .poll(
      () =>
        bodies()
          .filter((b) => !b.test)
          .map((b) => b.status),
      { timeout: 30_000 },
    )
    .toEqual(['firing', 'resolved']);
  await channelRow.getByRole('button', { name: 'Remove…' }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Remove', exact: true }).click();
  await expect(channelRow).toHaveCount(0);
});
