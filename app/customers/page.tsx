import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { CustomersPage } from "./_components/customers-page";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("customers");
  return { title: t("metaTitle") };
}

export default function Customers() {
  return <CustomersPage />;
}
