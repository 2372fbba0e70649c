"use client";
import { LayoutTemplate } from "lucide-react";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { Button } from "@/app/_ui/button";
import { TemplateGallery } from "./template-gallery";

/** Opens the template gallery (mounted only while open, so it loads the catalog on demand). */
export function TemplateGalleryButton() {
  const t = useTranslations("flows.templates");
  const [open, setOpen] = useState(false);
  return (
    <>
      <Button onClick={() => setOpen(true)} data-testid="new-from-template">
        <LayoutTemplate className="size-4" aria-hidden />
        {t("button")}
      </Button>
      {open && <TemplateGallery onClose={() => setOpen(false)} />}
    </>
  );
}
