import { describe, expect, it } from 'vitest';
import type { QueueRow } from '../../../preload/contract';
import { editFormFor, editPatch } from './edit-patch';

const row = { confidence: 60, severity: 3, sourceReliability: 'B', infoCredibility: 2, assignee: 'kim', validUntil: '2026-12-31T23:59:59.999Z' } as QueueRow;

describe('edit patch', () => {
  it('sends only the fields that changed', () => {
    const before = editFormFor(row);
    expect(before).toMatchObject({ confidence: '60', severity: 'high', reliability: 'B', credibility: '2', validUntil: '2026-12-31' });
    expect(editPatch(before, { ...before, confidence: '80', addTags: 'apt, phishing ,apt' })).toEqual({ ok: true, patch: { confidence: 80, addTags: ['apt', 'phishing'] } });
    expect(editPatch(before, before)).toEqual({ ok: false, message: 'Nothing changed.' });
  });

  it('clears and validates', () => {
    const before = editFormFor(row);
    expect(editPatch(before, { ...before, confidence: '', severity: '-', assignee: ' ', validUntil: '' })).toEqual({
      ok: true,
      patch: { confidence: null, severity: null, assignee: null, validUntil: null },
    });
    expect(editPatch(before, { ...before, confidence: '120' }).ok).toBe(false);
    expect(editPatch(editFormFor(undefined), { ...editFormFor(undefined), reliability: 'A' }).ok).toBe(false);
    expect(editPatch(editFormFor(undefined), { ...editFormFor(undefined), reliability: 'A', credibility: '3' })).toEqual({
      ok: true,
      patch: { admiralty: { reliability: 'A', credibility: 3 } },
    });
  });
});
