import Link from "next/link";

export default function Forbidden() {
  return (
    <div className="signin" role="alert">
      <h1>403 — not for your role</h1>
      <p className="muted">Your role cannot open this page. Ask an administrator if you need access.</p>
      <Link href="/">Back to the cockpit</Link>
    </div>
  );
}
