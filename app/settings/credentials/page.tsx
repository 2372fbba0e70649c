import { CredentialsPage } from "./_components/credentials-page";

export default function Credentials() {
  return <CredentialsPage />;
}
