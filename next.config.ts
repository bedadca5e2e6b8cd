import type { NextConfig } from 'next';

const nextConfig: NextConfig = {
  serverExternalPackages: ['@electric-sql/pglite', 'dockerode', 'ssh2', 'cpu-features', 'bcryptjs'],
  poweredByHeader: false,
  typedRoutes: false,
};

export default nextConfig;
