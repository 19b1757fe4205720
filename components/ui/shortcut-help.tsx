"use client";
// The "?" overlay: every shortcut of the current screen, in a native modal dialog (focus trapped, Escape closes).
import { forwardRef, useImperativeHandle, useRef } from "react";

export type Shortcut = { keys: string[]; does: string };
export type ShortcutHelpHandle = { open: () => void };

export const ShortcutHelp = forwardRef<ShortcutHelpHandle, { title: string; shortcuts: Shortcut[] }>(function ShortcutHelp({ title, shortcuts }, ref) {
  const dialog = useRef<HTMLDialogElement>(null);
  useImperativeHandle(ref, () => ({ open: () => dialog.current?.showModal() }));
  return (
    <dialog ref={dialog} className="help" aria-labelledby="shortcut-help-title" data-testid="shortcut-help">
      <h2 id="shortcut-help-title">{title}</h2>
      <table className="grid compact">
        <tbody>
          {shortcuts.map((s) => (
            <tr key={s.does}><td>{s.keys.map((k) => <kbd key={k}>{k}</kbd>)}</td><td>{s.does}</td></tr>
          ))}
        </tbody>
      </table>
      <form method="dialog"><button type="submit" autoFocus>Close</button></form>
    </dialog>
  );
});
