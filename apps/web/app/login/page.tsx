import type { Metadata } from 'next';
import { LoginForm } from '@/components/LoginForm';
import { safeNext } from '@/lib/sign-in-redirect';

export const metadata: Metadata = { title: 'Sign in' };

interface Props {
  searchParams: Promise<{ next?: string | string[] }>;
}

export default async function LoginPage({ searchParams }: Props) {
  const { next } = await searchParams;
  return <LoginForm next={safeNext(typeof next === 'string' ? next : null)} />;
}
