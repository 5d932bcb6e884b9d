/**
 * The application menu of production builds: only what an admin needs (copy/paste into the
 * key field, close, quit). No View menu, so no "Toggle Developer Tools", reload or zoom
 * that would reset or inspect the console. Electron-free, so a unit test reads it.
 */

/** The roles this menu uses (a subset of Electron's, so the template type-checks against it). */
type MenuRole =
  | 'undo'
  | 'redo'
  | 'cut'
  | 'copy'
  | 'paste'
  | 'selectAll'
  | 'about'
  | 'hide'
  | 'hideOthers'
  | 'quit'
  | 'minimize'
  | 'close';

/** The subset of Electron's MenuItemConstructorOptions this menu uses. */
export interface MenuItemTemplate {
  label?: string;
  role?: MenuRole;
  type?: 'separator';
  submenu?: MenuItemTemplate[];
}

/** Menu roles that must never appear in a production build (they open or reload the page). */
export const FORBIDDEN_PRODUCTION_ROLES = ['toggleDevTools', 'reload', 'forceReload', 'viewMenu'] as const;

/** The minimal menu for `platform` (macOS keeps its app menu, where Quit lives there). */
export function productionMenuTemplate(platform: string, appName: string): MenuItemTemplate[] {
  const edit: MenuItemTemplate = {
    label: 'Edit',
    submenu: [
      { role: 'undo' },
      { role: 'redo' },
      { type: 'separator' },
      { role: 'cut' },
      { role: 'copy' },
      { role: 'paste' },
      { role: 'selectAll' },
    ],
  };
  if (platform === 'darwin') {
    return [
      {
        label: appName,
        submenu: [
          { role: 'about' },
          { type: 'separator' },
          { role: 'hide' },
          { role: 'hideOthers' },
          { type: 'separator' },
          { role: 'quit' },
        ],
      },
      edit,
      { label: 'Window', submenu: [{ role: 'minimize' }, { role: 'close' }] },
    ];
  }
  return [{ label: 'File', submenu: [{ role: 'close' }, { role: 'quit' }] }, edit];
}
