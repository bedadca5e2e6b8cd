/** The certificate serving one custom domain, as the dashboard and the API show it. */
export interface DomainCertificate {
  issuer: 'acme' | 'internal';
  status: 'pending' | 'active' | 'failed';
  expiresAt: string | null;
  error: string | null;
}
