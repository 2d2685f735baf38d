import { describe, expect, it } from 'vitest';
import { errorCodes } from '../../shared/errors.ts';
import { officeRoles } from '../../shared/roles.ts';
import { ruleIds } from '../../shared/rules.ts';
import { clientErrorCodes } from '../api/api-client.ts';
import { enUS } from './en-us.locale.ts';
import { zhCN } from './zh-cn.locale.ts';

type Messages = Record<string, unknown>;

/** Every leaf of a message tree as "a.b.c" → text. */
function flatten(tree: Messages, prefix = ''): Map<string, unknown> {
  const leaves = new Map<string, unknown>();
  for (const [key, value] of Object.entries(tree)) {
    const path = prefix === '' ? key : `${prefix}.${key}`;
    if (typeof value === 'object' && value !== null) {
      for (const [leaf, text] of flatten(value as Messages, path)) leaves.set(leaf, text);
    } else {
      leaves.set(path, value);
    }
  }
  return leaves;
}

const locales = { 'zh-CN': flatten(zhCN), 'en-US': flatten(enUS) };

/** The {{variables}} a message interpolates. */
function variablesOf(text: unknown): string[] {
  return [...String(text).matchAll(/\{\{\s*(\w+)/g)].map((match) => match[1] ?? '').sort();
}

describe('locale files', () => {
  it('have exactly the same keys in zh-CN and en-US', () => {
    expect([...locales['en-US'].keys()].sort()).toEqual([...locales['zh-CN'].keys()].sort());
  });

  it.each(Object.entries(locales))('%s has no empty or non-text message', (_locale, messages) => {
    const bad = [...messages].filter(([, text]) => typeof text !== 'string' || text.trim() === '');
    expect(bad).toEqual([]);
  });

  it('use the same interpolation variables in both languages', () => {
    const differing = [...locales['zh-CN']]
      .filter(([key, text]) => {
        const other = locales['en-US'].get(key);
        return variablesOf(text).join() !== variablesOf(other).join();
      })
      .map(([key]) => key);
    expect(differing).toEqual([]);
  });

  it.each(Object.entries(locales))(
    '%s translates every error code of src/shared/errors.ts and of the client',
    (_locale, messages) => {
      const missing = [...errorCodes, ...clientErrorCodes].filter(
        (code) => typeof messages.get(`errors.${code}`) !== 'string',
      );
      expect(missing).toEqual([]);
    },
  );

  it.each(Object.entries(locales))('%s states every regulation rule', (_locale, messages) => {
    const missing = ruleIds.filter((rule) => typeof messages.get(`rules.${rule}`) !== 'string');
    expect(missing).toEqual([]);
  });

  it.each(Object.entries(locales))('%s names every office role', (_locale, messages) => {
    const missing = officeRoles.filter((role) => typeof messages.get(`roles.${role}`) !== 'string');
    expect(missing).toEqual([]);
  });

  it('uses the regulation’s Chinese terms for the roles and the modules', () => {
    expect(zhCN.roles).toMatchObject({
      staff: '客服值班员',
      supervisor: '客户服务主管',
      director: '管理处主任',
    });
    expect(zhCN.nav).toMatchObject({ handover: '交接班', dutyLog: '值班记录' });
  });
});
