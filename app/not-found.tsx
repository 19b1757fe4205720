import Link from "next/link";

export default function NotFound() {
  return (
    <div className="signin">
      <h1>Not found</h1>
      <Link href="/">Back to the cockpit</Link>
    </div>
  );
}
