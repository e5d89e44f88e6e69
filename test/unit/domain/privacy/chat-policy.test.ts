import { describe, expect, it } from 'vitest';
import {
  ASSIGNEE_CONTACT_POLICY,
  DEFAULT_CHAT_POLICY,
  locationFor,
  personalFieldsFor,
  type OrderForChat,
} from '../../../../src/domain/privacy/chat-policy.ts';

const order: OrderForChat = {
  orderNo: '20260327-0001',
  address: '石川県金沢市諸江町2丁目2-3',
  town: '諸江町',
  customerName: '架空 太郎',
  customerNameKana: 'ｶｸｳ',
  phone: '090-0000-0000',
  customerNumber: '1234567890',
};

describe('chat privacy policy', () => {
  it('by default shows the address only in the assignee direct message and the town elsewhere', () => {
    expect(locationFor(order, DEFAULT_CHAT_POLICY, 'assigneeDirect')).toBe(order.address);
    expect(locationFor(order, DEFAULT_CHAT_POLICY, 'otherDirect')).toBe('諸江町');
    expect(locationFor(order, DEFAULT_CHAT_POLICY, 'channel')).toBe('諸江町');
  });

  it('by default shows no personal field to anyone', () => {
    for (const audience of ['assigneeDirect', 'otherDirect', 'channel'] as const) {
      expect(personalFieldsFor(order, DEFAULT_CHAT_POLICY, audience)).toEqual({});
    }
  });

  it('a looser policy is explicit and still keeps channels clean', () => {
    expect(personalFieldsFor(order, ASSIGNEE_CONTACT_POLICY, 'assigneeDirect')).toEqual({
      customerName: '架空 太郎',
      phone: '090-0000-0000',
    });
    expect(personalFieldsFor(order, ASSIGNEE_CONTACT_POLICY, 'channel')).toEqual({});
  });
});
