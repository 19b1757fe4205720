import type { Metadata } from "next";
import "./globals.css";

export const metadata: Metadata = {
  title: "Cashline",
  description: "Finance operations cockpit",
  // Files in public/ (scripts/render-icons.ts draws the PNGs from the same shape as icon.svg).
  icons: {
    icon: [{ url: "/favicon.ico", sizes: "32x32" }, { url: "/icon.svg", type: "image/svg+xml" }, { url: "/icon-192.png", sizes: "192x192", type: "image/png" }],
    apple: [{ url: "/apple-touch-icon.png", sizes: "180x180" }],
  },
};

export default function RootLayout({ children }: { children: React.ReactNode }) {
  return (
    <html lang="en">
      <body>{children}</body>
    </html>
  );
}
