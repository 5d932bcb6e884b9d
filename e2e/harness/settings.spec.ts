import { expect, test } from './fixtures';

test.describe('settings: the console’s own preferences', () => {
  test('each preference saves through main and is there again on the next visit; a bad lifetime is refused, the stored one kept', async ({
    harness,
  }) => {
    const { page } = harness;
    await page.getByTestId('nav-settings').click();
    const autoCheck = page.getByTestId('setting-auto-key-check');
    const notifications = page.getByTestId('setting-notifications');
    const ttl = page.getByTestId('setting-ttl');
    const before = harness.services.settings.get();
    await expect(autoCheck).toBeChecked({ checked: before.autoPreflight });
    await expect(ttl).toHaveValue(String(before.stagedKeyTtlHours));

    await autoCheck.click();
    await expect.poll(() => harness.services.settings.get().autoPreflight).toBe(!before.autoPreflight);
    await notifications.click();
    await expect.poll(() => harness.services.settings.get().notifications).toBe(!before.notifications);
    await ttl.fill('48');
    await ttl.press('Enter');
    await expect.poll(() => harness.services.settings.get().stagedKeyTtlHours).toBe(48);

    // Out of range: said in words, nothing sent, the stored lifetime unchanged.
    await ttl.fill('0');
    await ttl.blur();
    await expect(page.getByTestId('preferences').getByRole('alert')).toContainText('from 1 to 336');
    // Changing one preference never resets another.
    expect(harness.services.settings.get()).toEqual({
      autoPreflight: !before.autoPreflight,
      notifications: !before.notifications,
      stagedKeyTtlHours: 48,
    });

    // Away and back: the section reads what main stored, not what the page remembered.
    await page.getByTestId('nav-sources').click();
    await page.getByTestId('nav-settings').click();
    await expect(autoCheck).toBeChecked({ checked: !before.autoPreflight });
    await expect(notifications).toBeChecked({ checked: !before.notifications });
    await expect(ttl).toHaveValue('48');
  });
});

test.describe('settings in a read-only (support) session', () => {
  test('the key check and the staged-key lifetime are locked with the reason; notifications stay its own', async ({
    harness,
    emulator,
  }) => {
    test.setTimeout(60_000);
    const { page } = harness;
    await page.getByTestId('device-start').click();
    const code = (await page.getByTestId('device-user-code').textContent())!.trim();
    emulator.control.approveDevice(code, 'support');
    await expect(page.getByTestId('auth-bar')).toHaveAttribute('data-session', 'device', { timeout: 20_000 });
    const before = harness.services.settings.get();

    await page.getByTestId('nav-settings').click();
    await expect(page.getByTestId('setting-auto-key-check')).toBeDisabled();
    await expect(page.getByTestId('setting-ttl')).toBeDisabled();
    await expect(page.getByTestId('settings-read-only')).toContainText('apply to everyone’s staged keys');
    await page.getByTestId('setting-notifications').click();
    await expect.poll(() => harness.services.settings.get().notifications).toBe(!before.notifications);
    expect(harness.services.settings.get()).toMatchObject({
      autoPreflight: before.autoPreflight,
      stagedKeyTtlHours: before.stagedKeyTtlHours,
    });
  });
});
