import { describe, expect, it, vi } from 'vitest';
import { filterPaletteCommands, listPaletteCommands, type PaletteActions, type PaletteContext } from './palette-commands';

const actions = (): PaletteActions => ({
  setStatus: vi.fn(),
  setTlp: vi.fn(),
  confirmBulk: vi.fn(),
  undo: vi.fn(),
  edit: vi.fn(),
  note: vi.fn(),
  attachToBriefing: vi.fn(),
  shareToHub: vi.fn(),
  search: vi.fn(),
  clearFilters: vi.fn(),
  saveView: vi.fn(),
  exportQueue: vi.fn(),
  openView: vi.fn(),
  deleteView: vi.fn(),
  openImport: vi.fn(),
  go: vi.fn(),
  help: vi.fn(),
  lock: vi.fn(),
});
const context: PaletteContext = {
  onQueue: true,
  total: 12_345,
  targetCount: 3,
  views: [{ id: 4, name: 'New domains', query: { filter: {}, sort: { key: 'id', direction: 'asc' } }, createdBy: 'kim', updatedAt: '2026-01-01T00:00:00.000Z' }],
  sections: [{ id: 'overview', label: 'Overview' }],
};

describe('palette commands', () => {
  it('offers a bulk action on the whole filtered set, naming the count, behind a confirmation', () => {
    const act = actions();
    const [bulk] = filterPaletteCommands(listPaletteCommands(context, act), 'mark all benign');
    expect(bulk?.title).toBe('Mark all 12,345 filtered as benign');
    bulk?.run();
    expect(act.confirmBulk).toHaveBeenCalledWith({ status: 'benign' }, 'Marked as benign', 12_345);
    expect(act.setStatus).not.toHaveBeenCalled();
  });

  it('names the selection on triage actions and finds commands by any words', () => {
    const act = actions();
    const commands = listPaletteCommands(context, act);
    const [status] = filterPaletteCommands(commands, 'status malicious');
    expect(status?.title).toBe('Set status: Malicious (3 selected)');
    expect(status?.shortcut).toBe('1');
    status?.run();
    expect(act.setStatus).toHaveBeenCalledWith('malicious');
    expect(filterPaletteCommands(commands, 'VIEW new').map((c) => c.title)).toEqual(['Open view: New domains', 'Delete view: New domains']);
    expect(filterPaletteCommands(commands, 'go overview')[0]?.title).toBe('Go to Overview');
  });

  it('exports the filtered queue when it holds rows', () => {
    const act = actions();
    const [command] = filterPaletteCommands(listPaletteCommands(context, act), 'export filtered');
    expect(command?.title).toBe('Export filtered queue…');
    command?.run();
    expect(act.exportQueue).toHaveBeenCalled();
    expect(filterPaletteCommands(listPaletteCommands({ ...context, total: 0 }, act), 'export filtered')).toEqual([]);
    expect(filterPaletteCommands(listPaletteCommands({ ...context, onQueue: false }, act), 'export filtered')).toEqual([]);
  });

  it('attaches the queue selection to a briefing', () => {
    const act = actions();
    const [attach] = filterPaletteCommands(listPaletteCommands(context, act), 'attach briefing');
    expect(attach?.title).toBe('Attach selection to briefing… (3 selected)');
    attach?.run();
    expect(act.attachToBriefing).toHaveBeenCalled();
    expect(filterPaletteCommands(listPaletteCommands({ ...context, targetCount: 0 }, act), 'attach briefing')).toEqual([]);
  });

  it('shares the queue selection to a hub', () => {
    const act = actions();
    const [share] = filterPaletteCommands(listPaletteCommands(context, act), 'share hub');
    expect(share?.title).toBe('Share to hub… (3 selected)');
    share?.run();
    expect(act.shareToHub).toHaveBeenCalled();
    expect(filterPaletteCommands(listPaletteCommands({ ...context, targetCount: 0 }, act), 'share hub')).toEqual([]);
  });

  it('offers only navigation away from the Queue, and no bulk action on an empty view', () => {
    const titles = (ctx: PaletteContext) => listPaletteCommands(ctx, actions()).map((c) => c.title);
    expect(titles({ ...context, onQueue: false })).toEqual(['Open Import…', 'Go to Overview', 'Lock the vault', 'Keyboard shortcuts']);
    expect(titles({ ...context, total: 0 }).some((title) => title.startsWith('Mark all'))).toBe(false);
  });
});
