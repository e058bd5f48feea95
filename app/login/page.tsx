import { redirect } from "next/navigation";
import { getCurrentUser } from "@/app/_server/current-user";
import { LoginForm } from "./login-form";

export const metadata = { title: "Sign in" };

export default async function LoginPage({ searchParams }: { searchParams: Promise<{ next?: string | string[] }> }) {
  if (await getCurrentUser()) redirect("/");
  const { next } = await searchParams;
  return (
    <main className="login-page">
      <div className="card login-card">
        <h1>GP Batch Admin</h1>
        <p className="muted">Sign in to manage your GenePattern server&apos;s AWS Batch setup.</p>
        <LoginForm next={typeof next === "string" ? next : undefined} />
      </div>
    </main>
  );
}
