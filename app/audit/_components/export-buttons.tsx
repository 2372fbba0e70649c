"use client";
import { useQueryClient } from "@tanstack/react-query";
import { Download } from "lucide-react";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { useTRPC } from "@/app/_lib/trpc";
import { Button } from "@/app/_ui/button";
import { downloadFile } from "@/app/_ui/download-file";
import { ErrorNotice } from "@/app/_ui/error-notice";
import { AUDIT_EXPORT_FORMATS, type AuditFilter } from "@/engine/contracts/audit";

/** Downloads the rows the filter shows (all of them, not only the loaded pages) as CSV or JSON lines. */
export function ExportButtons({ filter }: { filter: AuditFilter }) {
  const t = useTranslations("audit.export");
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [error, setError] = useState<unknown>(null);

  const download = async (format: (typeof AUDIT_EXPORT_FORMATS)[number]) => {
    setError(null);
    try {
      const file = await queryClient.fetchQuery({ ...trpc.audit.export.queryOptions({ ...filter, format }), staleTime: 0 });
      downloadFile(file.filename, file.text, file.contentType);
    } catch (e) {
      setError(e);
    }
  };

  return (
    <>
      <ErrorNotice error={error} onDismiss={() => setError(null)} />
      {AUDIT_EXPORT_FORMATS.map((format) => (
        <Button key={format} onClick={() => void download(format)} data-testid={`audit-export-${format}`}>
          <Download className="size-4" aria-hidden />
          {t(format)}
        </Button>
      ))}
    </>
  );
}
